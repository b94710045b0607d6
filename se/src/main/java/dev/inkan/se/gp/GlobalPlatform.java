package dev.inkan.se.gp;

import dev.inkan.se.apdu.Sw;
import dev.inkan.se.runtime.CardInterface;
import dev.inkan.se.runtime.GpRuntime;
import dev.inkan.se.runtime.RuntimePolicy;
import dev.inkan.se.scp03.CardCrypto;
import dev.inkan.se.scp03.CardKeySet;
import dev.inkan.se.scp03.CardSession;
import dev.inkan.se.util.Aid;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javacard.framework.Applet;
import javacard.framework.ISOException;

/**
 * The OPEN (GP Card Spec 2.3 section 6): registry, life cycles, secure channel sessions per
 * security domain, interface and logical channel, and the card content management operations the
 * security domains call. It answers the runtime's selection questions ({@link RuntimePolicy}).
 */
public final class GlobalPlatform implements RuntimePolicy {
    private record SessionKey(Aid sd, CardInterface iface, int channel) {
    }

    private final Registry registry;
    private final Map<Aid, Class<? extends Applet>> moduleClasses;
    private final GpRuntime runtime;
    private final Map<SessionKey, CardSession> sessions = new HashMap<>();
    private final Map<SessionKey, Personalization> personalizations = new HashMap<>();
    private final Map<SessionKey, Integer> statusPaging = new HashMap<>();
    private final Set<Aid> touched = new LinkedHashSet<>();
    private CardCrypto crypto;
    private boolean dirty;

    /** An INSTALL [for personalization] in progress: target application and next STORE DATA block number. */
    static final class Personalization {
        final Aid target;
        int nextBlock;

        Personalization(Aid target) {
            this.target = target;
        }
    }

    public GlobalPlatform(Registry registry, Map<Aid, Class<? extends Applet>> moduleClasses, int channels) {
        this.registry = registry;
        this.moduleClasses = Map.copyOf(moduleClasses);
        this.runtime = new GpRuntime(this, channels);
        registry.onChange(() -> dirty = true);
    }

    /** The platform of the runtime active on this thread. */
    public static GlobalPlatform current() {
        GpRuntime rt = GpRuntime.current();
        if (rt == null || !(rt.policy() instanceof GlobalPlatform gp)) {
            throw new IllegalStateException("no GlobalPlatform runtime is active on this thread");
        }
        return gp;
    }

    public Registry registry() {
        return registry;
    }

    public GpRuntime runtime() {
        return runtime;
    }

    /** True (and reset) when registry, keys or counters changed since the last call. */
    public boolean takeDirty() {
        boolean d = dirty;
        dirty = false;
        return d;
    }

    /** Applets whose state may have changed since the last call (processed a command or data). */
    public Set<Aid> takeTouched() {
        Set<Aid> t = new LinkedHashSet<>(touched);
        touched.clear();
        return t;
    }

    void touch(Aid aid) {
        touched.add(aid);
    }

    /** The class of a module in the ROM, or null. */
    public Class<? extends Applet> moduleClass(Aid module) {
        return moduleClasses.get(module);
    }

    // ---------------------------------------------------------------- sessions

    /** The SCP03 session of security domain {@code sd} on the current interface and channel. */
    public CardSession session(Aid sd) {
        return session(sd, runtime.currentInterface(), runtime.currentChannel());
    }

    CardSession session(Aid sd, CardInterface iface, int channel) {
        RegistryEntry e = registry.get(sd);
        if (e == null || e.sd() == null) {
            throw new IllegalStateException("not a security domain: " + sd);
        }
        if (crypto == null) {
            runtime.activate();
            crypto = new CardCrypto();
        }
        return sessions.computeIfAbsent(new SessionKey(sd, iface, channel), k -> new CardSession(e.sd(), crypto));
    }

    /** The security domain whose secure channel an applet uses: its associated SD (an SD uses its own). */
    public Aid domainOf(Aid applet) {
        RegistryEntry e = registry.get(applet);
        if (e == null) {
            return null;
        }
        return e.isSecurityDomain() ? e.aid() : e.associatedSd();
    }

    Personalization personalization(Aid sd) {
        return personalizations.get(new SessionKey(sd, runtime.currentInterface(), runtime.currentChannel()));
    }

    void startPersonalization(Aid sd, Aid target) {
        personalizations.put(new SessionKey(sd, runtime.currentInterface(), runtime.currentChannel()),
                new Personalization(target));
    }

    void endPersonalization(Aid sd) {
        personalizations.remove(new SessionKey(sd, runtime.currentInterface(), runtime.currentChannel()));
    }

    Integer statusPaging(Aid sd) {
        return statusPaging.get(new SessionKey(sd, runtime.currentInterface(), runtime.currentChannel()));
    }

    void statusPaging(Aid sd, Integer next) {
        SessionKey k = new SessionKey(sd, runtime.currentInterface(), runtime.currentChannel());
        if (next == null) {
            statusPaging.remove(k);
        } else {
            statusPaging.put(k, next);
        }
    }

    private void endSessionsOf(Aid sd) {
        sessions.entrySet().removeIf(en -> {
            if (en.getKey().sd().equals(sd)) {
                en.getValue().reset();
                return true;
            }
            return false;
        });
        personalizations.keySet().removeIf(k -> k.sd().equals(sd));
        statusPaging.keySet().removeIf(k -> k.sd().equals(sd));
    }

    // ---------------------------------------------------------------- RuntimePolicy

    @Override
    public Aid resolveSelect(CardInterface iface, byte[] aid, boolean nextOccurrence, Aid current) {
        int card = registry.cardLifeCycle();
        if (aid.length == 0) {
            return nextOccurrence ? null : defaultApplet(iface);
        }
        if (aid.length < 5 || aid.length > 16) {
            return null;
        }
        boolean passedCurrent = !nextOccurrence || current == null;
        for (RegistryEntry e : registry.entries()) {
            if (!e.isInstance() || !e.aid().startsWith(aid, 0, aid.length)) {
                continue;
            }
            if (!passedCurrent) {
                passedCurrent = e.aid().equals(current);
                continue;
            }
            if (selectable(iface, e, card)) {
                return e.aid();
            }
        }
        return null;
    }

    private boolean selectable(CardInterface iface, RegistryEntry e, int cardState) {
        boolean isd = registry.isIsd(e.aid());
        if (cardState == LifeCycle.CARD_TERMINATED || cardState == LifeCycle.CARD_LOCKED) {
            return isd && iface == CardInterface.CONTACT;
        }
        if (iface == CardInterface.CONTACTLESS && e.isSecurityDomain()) {
            return false;
        }
        return isd || LifeCycle.isSelectable(e.lifeCycle());
    }

    @Override
    public Aid defaultApplet(CardInterface iface) {
        RegistryEntry isd = registry.isd();
        return iface == CardInterface.CONTACT && isd != null ? isd.aid() : null;
    }

    @Override
    public void deselected(CardInterface iface, int channel, Aid applet) {
        Aid sd = domainOf(applet);
        if (sd != null) {
            CardSession s = sessions.get(new SessionKey(sd, iface, channel));
            if (s != null) {
                s.reset();
            }
            personalizations.remove(new SessionKey(sd, iface, channel));
            statusPaging.remove(new SessionKey(sd, iface, channel));
        }
    }

    @Override
    public void processed(Aid applet) {
        touched.add(applet);
    }

    @Override
    public void cardReset() {
        for (CardSession s : sessions.values()) {
            s.reset();
        }
        personalizations.clear();
        statusPaging.clear();
    }

    // ---------------------------------------------------------------- authority

    /**
     * True when security domain {@code sd} may manage {@code target} (GP 2.3 chapter 9): the ISD,
     * the associated SD with Authorized Management, or an SD with the global privilege given.
     */
    public boolean manages(RegistryEntry sd, RegistryEntry target, int globalPrivilege) {
        if (registry.isIsd(sd.aid())) {
            return true;
        }
        if (globalPrivilege != 0 && sd.has(globalPrivilege)) {
            return true;
        }
        return sd.has(Privileges.AUTHORIZED_MANAGEMENT) && sd.aid().equals(target.associatedSd());
    }

    /** What GET STATUS through {@code sd} may show: everything for ISD or Global Registry, else itself and its own. */
    public boolean visible(RegistryEntry sd, RegistryEntry target) {
        if (registry.isIsd(sd.aid()) || sd.has(Privileges.GLOBAL_REGISTRY)) {
            return true;
        }
        return target.aid().equals(sd.aid()) || sd.aid().equals(target.associatedSd());
    }

    // ---------------------------------------------------------------- content management

    static void fail(int sw) {
        ISOException.throwIt((short) sw);
    }

    /**
     * Creates an instance (GP 2.3 section 11.5, INSTALL [for install]): calls the module's install
     * method, then records the registry entry. A new SD starts with a copy of {@code keysFrom}.
     */
    public RegistryEntry install(Aid loadFile, Aid module, Aid aid, int privileges, byte[] appParams,
                                 boolean selectable, Aid associatedSd, CardKeySet keysFrom, SdData template) {
        Class<? extends Applet> cls = moduleClasses.get(module);
        if (cls == null) {
            fail(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        boolean isSdClass = SecurityDomainApplet.class.isAssignableFrom(cls);
        boolean sdPrivilege = Privileges.has(privileges, Privileges.SECURITY_DOMAIN);
        if (isSdClass != sdPrivilege) {
            fail(Sw.WRONG_DATA);
        }
        byte[] params = installParameters(aid, privileges, appParams);
        boolean ok;
        try {
            runtime.install(loadFile, module, aid, params);
            ok = runtime.applet(aid) != null;
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            if (runtime.applet(aid) != null) {
                runtime.delete(aid);
            }
            fail(Sw.WRONG_DATA);
        }
        int state = selectable ? LifeCycle.SELECTABLE : LifeCycle.INSTALLED;
        RegistryEntry entry;
        if (sdPrivilege) {
            SdData data = new SdData(aid, template.keyDiversificationData(), template.minimumSecurityLevel());
            if (keysFrom != null) {
                data.addKeySet(keysFrom.copy(keysFrom.kvn(), 0));
            }
            entry = RegistryEntry.securityDomain(aid, loadFile, module, state, privileges, associatedSd, data);
        } else {
            entry = RegistryEntry.application(aid, loadFile, module, state, privileges, associatedSd);
        }
        registry.add(entry, false);
        touch(aid);
        return entry;
    }

    /** The install method's parameter block: AID, privileges, application parameters (JC 3.0.5 Applet.install, GP 2.3 section 11.5). */
    public static byte[] installParameters(Aid aid, int privileges, byte[] appParams) {
        byte[] a = aid.bytes();
        byte[] p = Privileges.toBytes(privileges);
        byte[] out = new byte[1 + a.length + 1 + p.length + 1 + appParams.length];
        int o = 0;
        out[o++] = (byte) a.length;
        System.arraycopy(a, 0, out, o, a.length);
        o += a.length;
        out[o++] = (byte) p.length;
        System.arraycopy(p, 0, out, o, p.length);
        o += p.length;
        out[o++] = (byte) appParams.length;
        System.arraycopy(appParams, 0, out, o, appParams.length);
        return out;
    }

    /** Deletes an application or SD instance (GP 2.3 11.2.2); the caller checked authority. */
    public void deleteInstance(RegistryEntry e) {
        if (registry.isIsd(e.aid())) {
            fail(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (e.isSecurityDomain() && !registry.associatedWith(e.aid()).isEmpty()) {
            fail(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (runtime.isActive(e.aid())) {
            fail(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (e.isSecurityDomain()) {
            endSessionsOf(e.aid());
        }
        runtime.delete(e.aid());
        registry.remove(e.aid());
    }

    /** Deletes a load file, and with {@code related} its instances first (GP 2.3 section 11.2). */
    public void deleteLoadFile(RegistryEntry loadFile, boolean related, RegistryEntry by) {
        List<RegistryEntry> instances = registry.instancesOf(loadFile.aid());
        if (!instances.isEmpty() && !related) {
            fail(Sw.CONDITIONS_NOT_SATISFIED);
        }
        for (RegistryEntry i : instances) {
            if (!manages(by, i, Privileges.GLOBAL_DELETE) || registry.isIsd(i.aid()) || runtime.isActive(i.aid())
                    || (i.isSecurityDomain() && !registry.associatedWith(i.aid()).isEmpty())) {
                fail(Sw.CONDITIONS_NOT_SATISFIED);
            }
        }
        for (RegistryEntry i : instances) {
            deleteInstance(i);
        }
        registry.remove(loadFile.aid());
    }

    /** Locks or unlocks an application or SD (GP 2.3 section 11.10). */
    public void setLocked(RegistryEntry e, boolean locked) {
        if (locked) {
            runtime.deselectEverywhere(e.aid());
            e.lifeCycle(e.lifeCycle() | LifeCycle.LOCKED_BIT);
        } else {
            e.lifeCycle(e.lifeCycle() & ~LifeCycle.LOCKED_BIT);
        }
        registry.changed();
    }

    /** Sets a life cycle state directly (make selectable, SD personalized, application-specific states). */
    public void setLifeCycle(RegistryEntry e, int state) {
        e.lifeCycle(state);
        registry.changed();
    }

    /** Moves an application to another SD (GP 2.3 section 11.5, INSTALL [for extradition]). */
    public void extradite(RegistryEntry e, Aid toSd) {
        e.associatedSd(toSd);
        registry.changed();
    }

    /** Card life cycle change (GP 2.3 5.1); locking or terminating deselects every application but the ISD. */
    public void setCardLifeCycle(int state) {
        registry.cardLifeCycle(state);
        if (state == LifeCycle.CARD_LOCKED || state == LifeCycle.CARD_TERMINATED) {
            for (RegistryEntry e : registry.entries()) {
                if (e.isInstance() && !registry.isIsd(e.aid())) {
                    runtime.deselectEverywhere(e.aid());
                }
            }
        }
    }

    /** Records that applet {@code aid} changed state outside its own process() (forwarded data). */
    public void markTouched(Aid aid) {
        touch(aid);
    }
}
