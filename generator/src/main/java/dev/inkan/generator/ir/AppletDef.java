package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The APDU face of an applet machine: AID, PINs, elementary files and commands. The dispatch
 * back end turns it into an abstract Java Card applet.
 */
public final class AppletDef extends Element {
    private final MachineDef machine;
    private final byte[] aid;
    private SecurityDomainDef domain;
    private StateDef installedState;
    private final List<PinDef> pins = new ArrayList<>();
    private final List<FileDef> files = new ArrayList<>();
    private final List<CommandDef> commands = new ArrayList<>();

    public AppletDef(String name, Span span, MachineDef machine, byte[] aid) {
        super(name, span);
        this.machine = machine;
        this.aid = aid;
    }

    public MachineDef machine() {
        return machine;
    }

    public byte[] aid() {
        return aid.clone();
    }

    public SecurityDomainDef domain() {
        return domain;
    }

    public void setDomain(SecurityDomainDef domain) {
        this.domain = domain;
    }

    /**
     * The state a freshly installed instance starts in: what {@code installed} names, else the
     * machine's initial state (the model may have states before installation, such as Absent).
     */
    public StateDef installedState() {
        return installedState != null ? installedState : machine.initialState();
    }

    public void setInstalledState(StateDef state) {
        this.installedState = state;
    }

    public List<PinDef> pins() {
        return pins;
    }

    public PinDef pin(String name) {
        return pins.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    public List<FileDef> files() {
        return files;
    }

    public List<CommandDef> commands() {
        return commands;
    }

    public CommandDef command(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
