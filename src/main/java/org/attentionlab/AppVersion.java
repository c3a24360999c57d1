package org.attentionlab;

/** The app's version, from the jar manifest, or the development version when run from classes. */
public final class AppVersion {

    /** Kept equal to the version in pom.xml; used when no manifest is present (tests, IDE). */
    private static final String DEVELOPMENT = "0.1.0";

    private AppVersion() {
    }

    public static String get() {
        String v = AppVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : DEVELOPMENT;
    }
}
