package dev.inkan.runtime.script;

import java.util.List;

/**
 * An APDU script a TSM sends to the SE in one protocol step: who sends it, under the keys of
 * which security domain, to which applet, and its commands in order.
 */
public record Script(String protocol, String name, String sender, String securityDomain, byte[] securityDomainAid,
                     String applet, byte[] appletAid, List<ScriptCommand> commands) {
    public Script {
        securityDomainAid = securityDomainAid.clone();
        appletAid = appletAid.clone();
        commands = List.copyOf(commands);
    }

    @Override
    public byte[] securityDomainAid() {
        return securityDomainAid.clone();
    }

    @Override
    public byte[] appletAid() {
        return appletAid.clone();
    }
}
