package dev.inkan.se;

import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GlobalPlatform;
import dev.inkan.se.persist.CardImage;
import dev.inkan.se.persist.ImageStore;
import dev.inkan.se.runtime.CardInterface;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A simulated GlobalPlatform secure element (REQ SYS-5): jcardsim runtime, ISD and APSDs with
 * SCP03, card content management, ARA-M, contact and contactless interfaces, persistence.
 * Thread-safe: APDUs are processed one at a time, as by a chip.
 *
 * <pre>{@code
 * SeConfig config = new SeConfig();
 * config.addApplet("D392F000260100000001", MyApplet.class);   // load file + instance
 * try (SecureElement se = SecureElement.start(config)) {
 *     byte[] response = se.transmit(Hex.decode("00A404000AD392F000260100000001"));
 * }
 * }</pre>
 */
public final class SecureElement implements AutoCloseable {
    private final SeConfig config;
    private final GlobalPlatform gp;
    private final ImageStore store;
    private final byte[] atr;
    private final CardImage image = new CardImage();
    private boolean closed;

    private SecureElement(SeConfig config, GlobalPlatform gp, ImageStore store) {
        this.config = config;
        this.gp = gp;
        this.store = store;
        this.atr = Hex.decode(config.atr);
    }

    /**
     * Starts an SE: restores it from {@code config.persistence} when that file exists, otherwise
     * builds it from the configuration (and writes the file).
     */
    public static SecureElement start(SeConfig config) throws IOException {
        config.validate();
        ImageStore store = config.persistence == null ? null : new ImageStore(Path.of(config.persistence));
        String saved = store == null ? null : store.read();
        GlobalPlatform gp = Provisioning.platform(config);
        if (saved != null) {
            try {
                CardImage.restore(gp, saved, loader());
            } catch (RuntimeException e) {
                throw new IOException("cannot restore the SE from " + store.file() + ": " + e.getMessage(), e);
            }
        } else {
            Provisioning.factory(gp, config);
        }
        SecureElement se = new SecureElement(config, gp, store);
        synchronized (se) {
            gp.runtime().powerUp();
            if (saved == null) {
                Provisioning.writeAccessRules(se, config);
            }
            se.persistIfChanged(true);
        }
        return se;
    }

    /**
     * Starts an SE from a {@link #snapshot()} image, without persistence: a card in exactly the
     * persistent state the image describes (registry, keys, counters, applet objects), freshly
     * powered up. The model-based harness restores prepared cards with it instead of replaying
     * their preparation (RSA key generation) for every chain.
     */
    public static SecureElement restore(SeConfig config, String image) throws IOException {
        config.validate();
        if (config.persistence != null) {
            throw new IllegalArgumentException("restore makes an SE without persistence; the configuration names "
                    + config.persistence);
        }
        GlobalPlatform gp = Provisioning.platform(config);
        try {
            CardImage.restore(gp, image, loader());
        } catch (RuntimeException e) {
            throw new IOException("cannot restore the SE from the image: " + e.getMessage(), e);
        }
        SecureElement se = new SecureElement(config, gp, null);
        synchronized (se) {
            gp.runtime().powerUp();
            gp.takeDirty();
            gp.takeTouched();
        }
        return se;
    }

    /** The answer to reset. */
    public byte[] atr() {
        return atr.clone();
    }

    public SeConfig config() {
        return config;
    }

    /** The issuer security domain's AID. */
    public Aid isdAid() {
        return gp.registry().isd().aid();
    }

    /** Sends a command APDU on the contact interface (as the phone's OMAPI service or a PC/SC reader would). */
    public byte[] transmit(byte[] command) {
        return transmit(CardInterface.CONTACT, command);
    }

    /** Sends a command APDU on one interface; never throws for bad input (the answer is a status word). */
    public synchronized byte[] transmit(CardInterface iface, byte[] command) {
        ensureOpen();
        byte[] response = gp.runtime().transmit(iface, command);
        persistIfChanged(false);
        return response;
    }

    /** The contact interface as a {@link Transport}. */
    public Transport contact() {
        return command -> transmit(CardInterface.CONTACT, command);
    }

    /** The contactless interface as a {@link Transport} (use {@code dev.inkan.se.nfc} for terminals). */
    public Transport contactless() {
        return command -> transmit(CardInterface.CONTACTLESS, command);
    }

    /** The contactless field goes away: channels of that interface close (the contact side is untouched). */
    public synchronized void contactlessFieldOff() {
        ensureOpen();
        gp.runtime().interfaceOff(CardInterface.CONTACTLESS);
        persistIfChanged(false);
    }

    /** Power cycle: channels close, sessions end, RAM clears; persistent state stays. */
    public synchronized void reset() {
        ensureOpen();
        gp.runtime().powerUp();
    }

    /**
     * A deterministic text image of everything persistent: card state, registry, keys, sequence
     * counters and applet objects. Two equal snapshots mean an unchanged card.
     */
    public synchronized String snapshot() {
        ensureOpen();
        return CardImage.capture(gp);
    }

    /** The GlobalPlatform layer (registry, sessions); for tests and tools. */
    public GlobalPlatform platform() {
        return gp;
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : SecureElement.class.getClassLoader();
    }

    /**
     * Writes the image when the registry or an applet that ran code changed (as a chip commits
     * EEPROM before answering). {@code everything} re-encodes every applet.
     */
    private void persistIfChanged(boolean everything) {
        boolean dirty = gp.takeDirty();
        java.util.Set<Aid> touched = gp.takeTouched();
        if (store == null) {
            return;
        }
        if (everything) {
            touched = new java.util.HashSet<>(gp.runtime().instances());
        } else if (!dirty && touched.isEmpty()) {
            return;
        }
        if (!image.update(gp, dirty || everything, touched)) {
            return;
        }
        try {
            store.write(image.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist the SE state to " + config.persistence, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("secure element closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            persistIfChanged(true);
            closed = true;
        }
    }
}
