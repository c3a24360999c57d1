package org.attentionlab.bleu;

import org.attentionlab.AppVersion;

/**
 * sacreBLEU's reproducibility signature, e.g.
 * {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:attention-lab-0.1.0}.
 *
 * <p>The fields, their order and their spelling are sacreBLEU 2.x's, so a signature can be
 * compared field by field with a published one. Only {@code version} differs: it names this
 * program ({@code attention-lab-X.Y.Z}) rather than claiming to be sacreBLEU 2.6.0, whose
 * semantics we reproduce; {@link #withoutVersion()} gives the part that must agree.
 *
 * @param nrefs     references per segment, or {@code var} when segments have different numbers
 * @param lowercase {@code case:lc} or {@code case:mixed}
 * @param effectiveOrder {@code eff:yes} or {@code eff:no}
 * @param tokenizer the tokenizer's sacreBLEU name
 * @param smooth    {@code none}, {@code exp}, {@code floor[0.10]} or {@code add-k[1.00]}
 * @param version   {@code attention-lab-} and the app version
 */
public record BleuSignature(String nrefs, boolean lowercase, boolean effectiveOrder, String tokenizer,
                            String smooth, String version) {

    /** The version field of every signature this program writes. */
    public static String ourVersion() {
        return "attention-lab-" + AppVersion.get();
    }

    /** The signature of a computation with this configuration and number of references. */
    public static BleuSignature of(BleuConfig config, String nrefs) {
        String smooth = config.smoothing().signatureName();
        if (config.smoothing().takesValue()) {
            smooth += "[" + PyFormat.fixed(config.effectiveSmoothValue(), 2) + "]";
        }
        return new BleuSignature(nrefs, config.lowercase(), config.effectiveOrder(),
                config.tokenizer().signatureName(), smooth, ourVersion());
    }

    /** The long form, as sacreBLEU prints it. */
    public String format() {
        return withoutVersion() + "|version:" + version;
    }

    /** sacreBLEU's short form: {@code #:1|c:mixed|e:no|tok:13a|s:exp|v:attention-lab-0.1.0}. */
    public String formatShort() {
        return "#:" + nrefs + "|c:" + (lowercase ? "lc" : "mixed") + "|e:" + (effectiveOrder ? "yes" : "no")
                + "|tok:" + tokenizer + "|s:" + smooth + "|v:" + version;
    }

    /** Every field except {@code version}: what must equal a sacreBLEU 2.6.0 signature. */
    public String withoutVersion() {
        return "nrefs:" + nrefs + "|case:" + (lowercase ? "lc" : "mixed") + "|eff:" + (effectiveOrder ? "yes" : "no")
                + "|tok:" + tokenizer + "|smooth:" + smooth;
    }

    @Override
    public String toString() {
        return format();
    }
}
