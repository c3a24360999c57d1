package org.attentionlab.cli;

import org.attentionlab.AppVersion;

import picocli.CommandLine.IVersionProvider;

/** Supplies {@code --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"Attention Lab " + AppVersion.get()};
    }
}
