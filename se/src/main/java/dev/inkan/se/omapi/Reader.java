package dev.inkan.se.omapi;

import dev.inkan.se.SecureElement;
import java.util.ArrayList;
import java.util.List;

/** OMAPI Reader: the embedded SE "eSE1". */
public final class Reader {
    private final SeService service;
    final SecureElement se;
    final CallerIdentity caller;
    final AccessControlEnforcer ace;
    private final List<Session> sessions = new ArrayList<>();
    private boolean basicInUse;

    Reader(SeService service, SecureElement se, CallerIdentity caller, AccessControlEnforcer ace) {
        this.service = service;
        this.se = se;
        this.caller = caller;
        this.ace = ace;
    }

    public String getName() {
        return "eSE1";
    }

    public SeService getSeService() {
        return service;
    }

    public boolean isSecureElementPresent() {
        return service.isConnected();
    }

    public synchronized Session openSession() {
        service.ensureConnected();
        Session s = new Session(this);
        sessions.add(s);
        return s;
    }

    public synchronized void closeSessions() {
        for (Session s : new ArrayList<>(sessions)) {
            s.close();
        }
        sessions.clear();
    }

    synchronized boolean claimBasic() {
        if (basicInUse) {
            return false;
        }
        basicInUse = true;
        return true;
    }

    synchronized void releaseBasic() {
        basicInUse = false;
    }

    synchronized void removed(Session s) {
        sessions.remove(s);
    }
}
