package dev.inkan.se.config;

/** Built-in AIDs, test keys and the default ATR. */
public final class Defaults {
    /** GP's default ISD AID. */
    public static final String ISD_AID = "A000000151000000";
    /** GP test key 40..4F; only for development, replace it in any real configuration. */
    public static final String TEST_KEY = "404142434445464748494A4B4C4D4E4F";
    /** A T=1 ATR whose historical bytes read "INKAN-SE" 01 00: 3B8A01 494E4B414E2D5345 0100 and TCK. */
    public static final String ATR = Atr.build(new byte[] {'I', 'N', 'K', 'A', 'N', '-', 'S', 'E', 0x01, 0x00});

    /** Security domain load file and module (GP's SSD package AIDs). */
    public static final String SD_LOAD_FILE = "A0000001515350";
    public static final String SD_MODULE = "A000000151535041";
    /** ARA-M (GP SEAC 1.1). */
    public static final String ARA_LOAD_FILE = "A00000015141434C";
    public static final String ARA_MODULE = "A00000015141434C00";
    public static final String ARA_AID = "A00000015141434C00";
    /** The FeliCa stand-in (proprietary AIDs, 'F0' + "FELICA"). */
    public static final String FELICA_LOAD_FILE = "F046454C494341";
    public static final String FELICA_MODULE = "F046454C49434101";
    public static final String FELICA_AID = "F046454C4943410101";

    private Defaults() {
    }

    /** The instances created when the configuration lists none: the ARA-M and the FeliCa stand-in. */
    public static java.util.List<SeConfig.Instance> defaultInstances() {
        java.util.List<SeConfig.Instance> out = new java.util.ArrayList<>();
        for (String[] d : new String[][] {{ARA_AID, ARA_LOAD_FILE, ARA_MODULE},
                {FELICA_AID, FELICA_LOAD_FILE, FELICA_MODULE}}) {
            SeConfig.Instance in = new SeConfig.Instance();
            in.aid = d[0];
            in.loadFile = d[1];
            in.module = d[2];
            out.add(in);
        }
        return out;
    }
}
