package dev.inkan.applet.subset;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only code outside the Java Card subset, one construct per rule, to prove that
 * {@link JavaCardSubset} finds each. Never installed anywhere.
 */
final class Violations {
    private final String label = "not Java Card";
    private long counter = 1L << 40;
    private final List<String> names = new ArrayList<>();
    private final int[] table = new int[4];

    String describe(float ratio, double scale) {
        return label + ratio * scale + counter + names + table.length;
    }

    Object reflect() throws ReflectiveOperationException {
        return Class.forName("javacard.framework.APDU").getDeclaredConstructor();
    }

    Runnable lambda() {
        return () -> counter++;
    }

    synchronized char[] text() {
        return label.toCharArray();
    }

    short[][] grid() {
        return new short[2][3];
    }
}
