package dev.inkan.se.gp;

import dev.inkan.se.util.Aid;
import java.util.ArrayList;
import java.util.List;

/** One GP registry entry (GP Card Spec 2.3 section 6.5): an executable load file, application or SD. */
public final class RegistryEntry {
    /** What the entry describes. */
    public enum Kind { LOAD_FILE, APPLICATION, SECURITY_DOMAIN }

    private final Aid aid;
    private final Kind kind;
    private int lifeCycle;
    private int privileges;
    private Aid associatedSd;
    private final Aid loadFile;
    private final Aid module;
    private final List<Aid> modules;
    private final SdData sd;

    private RegistryEntry(Aid aid, Kind kind, int lifeCycle, int privileges, Aid associatedSd, Aid loadFile,
                          Aid module, List<Aid> modules, SdData sd) {
        this.aid = aid;
        this.kind = kind;
        this.lifeCycle = lifeCycle;
        this.privileges = privileges;
        this.associatedSd = associatedSd;
        this.loadFile = loadFile;
        this.module = module;
        this.modules = List.copyOf(modules);
        this.sd = sd;
    }

    public static RegistryEntry loadFile(Aid aid, List<Aid> modules, Aid associatedSd) {
        return new RegistryEntry(aid, Kind.LOAD_FILE, LifeCycle.LOAD_FILE_LOADED, 0, associatedSd, null, null,
                modules, null);
    }

    public static RegistryEntry application(Aid aid, Aid loadFile, Aid module, int lifeCycle, int privileges,
                                            Aid associatedSd) {
        return new RegistryEntry(aid, Kind.APPLICATION, lifeCycle, privileges, associatedSd, loadFile, module,
                new ArrayList<>(), null);
    }

    public static RegistryEntry securityDomain(Aid aid, Aid loadFile, Aid module, int lifeCycle, int privileges,
                                               Aid associatedSd, SdData sd) {
        return new RegistryEntry(aid, Kind.SECURITY_DOMAIN, lifeCycle, privileges | Privileges.SECURITY_DOMAIN,
                associatedSd, loadFile, module, new ArrayList<>(), sd);
    }

    public Aid aid() {
        return aid;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isSecurityDomain() {
        return kind == Kind.SECURITY_DOMAIN;
    }

    public boolean isLoadFile() {
        return kind == Kind.LOAD_FILE;
    }

    /** Applications and security domains (entries with an instance). */
    public boolean isInstance() {
        return kind != Kind.LOAD_FILE;
    }

    public int lifeCycle() {
        return lifeCycle;
    }

    void lifeCycle(int state) {
        this.lifeCycle = state;
    }

    public int privileges() {
        return privileges;
    }

    public boolean has(int privilege) {
        return Privileges.has(privileges, privilege);
    }

    /** The associated security domain (for the ISD: itself). */
    public Aid associatedSd() {
        return associatedSd;
    }

    void associatedSd(Aid sdAid) {
        this.associatedSd = sdAid;
    }

    /** The load file an instance was created from (null for load files). */
    public Aid loadFileAid() {
        return loadFile;
    }

    /** The module an instance was created from. */
    public Aid moduleAid() {
        return module;
    }

    /** The modules of a load file. */
    public List<Aid> modules() {
        return modules;
    }

    /** Keys and data of a security domain (null otherwise). */
    public SdData sd() {
        return sd;
    }

    @Override
    public String toString() {
        return kind + " " + aid + " lc=" + Integer.toHexString(lifeCycle);
    }
}
