// The phone around the secure element: the JPKI app, connectivity, factory reset, business-app
// intents and biometric unlock; and, on the JPKI service side, the push tokens it keeps and the
// remote deletions it still owes to phones.
import "types.jsm"
import "applet.jsm"
import "pins.jsm"
import "se.jsm"
import "certificates.jsm"

@req SYS-4, STD-3, UX-3, LIFE-10
@doc "One phone: whether the JPKI app is installed, whether the phone is online, biometric unlock, factory reset."
machine Handset(ph: Phone) {
  @doc "The phone reaches the network (TSMs, JPKI service, push)."
  var online: bool = true
  @req UX-2
  @doc "The user enrolled biometric unlock for the user-authentication PIN (kept in the phone's keystore, FIDO-style)."
  var biometric: bool

  @doc "The JPKI app is not installed (new phone, removed, or after a factory reset)."
  initial state NoApp
  @req UX-3
  state AppInstalled

  @req UX-3
  @doc "Phase 1: the user installs the JPKI app from the store."
  @weight 5
  event installApp by User
  @req LIFE-8
  @doc "The user removes the app: its channel closes, its push token dies."
  @weight 1
  event uninstallApp by User
  @req LIFE-10
  @doc "Factory reset; only with platform cooperation (coop) does it clear the SE data."
  @weight 1
  event factoryReset(coop: bool) by User
  @req LIFE-8
  @weight 3
  event goOffline by Platform
  @weight 3
  event goOnline by Platform
  @req UX-2
  @weight 1
  event enrollBiometric by User
  @req UX-2
  @doc "The user unlocks a key with a fingerprint instead of typing its PIN."
  @weight 2
  event biometricUnlock(key: CertType) by User
  @req UX-2
  @doc "A matching fingerprint released the stored PIN of that key to a VERIFY."
  internal event pinReleased(key: CertType)
  @req ACC-2, SYS-8
  @doc "A business app asks the JPKI app for something through an intent (pattern 3 of 000: no per-app whitelist)."
  @weight 2
  event businessIntent(op: IntentOp) by BusinessApp
  @req ACC-2
  @doc "The JPKI app serves the intent (asks the user, then uses the applet)."
  internal event serveIntent(op: IntentOp)

  on installApp from NoApp -> AppInstalled
  @req LIFE-8, LIFE-13
  on uninstallApp from AppInstalled -> NoApp {
    biometric = false
    emit Omapi(ph).closeChannel()
    for p: Person where PushToken(p, ph) is Registered { emit PushToken(p, ph).invalidate() }
  }
  @req LIFE-10, LIFE-13
  @doc "Without cooperation the SE keeps keys and certificates (the shop check finds them); with it the platform's reset hook deletes the JPKI instance."
  on factoryReset from AppInstalled -> NoApp {
    biometric = false
    emit Omapi(ph).closeChannel()
    for p: Person where PushToken(p, ph) is Registered { emit PushToken(p, ph).invalidate() }
    if coop { emit SecureElement(ph).platformReset() }
  }
  @req LIFE-10
  on factoryReset from NoApp -> NoApp {
    if coop { emit SecureElement(ph).platformReset() }
  }

  on goOffline from NoApp -> NoApp when online { online = false }
  on goOffline from AppInstalled -> AppInstalled when online { online = false }
  on goOnline from NoApp -> NoApp when !online { online = true }
  on goOnline from AppInstalled -> AppInstalled when !online { online = true }

  @req UX-2
  on enrollBiometric from AppInstalled -> AppInstalled when !biometric && Pin(ph, Auth) is Set { biometric = true }
  @req UX-2
  @doc "A matching fingerprint releases the stored user-authentication PIN to a VERIFY; never the signature password."
  on biometricUnlock from AppInstalled -> AppInstalled when key == Auth && biometric && Pin(ph, Auth) is Set {
    emit self.pinReleased(key)
  }
  @req UX-2, LIFE-10
  @doc "The JPKI instance is gone (deleted by the ISD): nothing is released, and the app drops the PIN it sealed for it; a new instance needs a new enrolment."
  on biometricUnlock from AppInstalled -> AppInstalled when key == Auth && biometric && !(Pin(ph, Auth) is Set) && JpkiApplet(ph) is Absent {
    biometric = false
  }
  @req UX-2
  @doc "Refused: the signature password (or a PIN without enrolment) must be typed."
  on biometricUnlock from AppInstalled -> AppInstalled when !(key == Auth && biometric && (Pin(ph, Auth) is Set || JpkiApplet(ph) is Absent))

  @req ACC-2
  on businessIntent from AppInstalled -> AppInstalled when isUse(op) { emit self.serveIntent(op) }
  @req ACC-2
  @doc "Refused: business apps never issue, change, reset, revoke or delete."
  on businessIntent from AppInstalled -> AppInstalled when !isUse(op)
  on serveIntent from AppInstalled -> AppInstalled
  @req UX-2
  on pinReleased from AppInstalled -> AppInstalled { emit JpkiApplet(ph).verify(key, Correct) }
}

@req LIFE-13, LIFE-8, STD-3
@doc "Kept by the JPKI service, not the phone: the push token of the app instance on phone ph, registered against person p's card record."
machine PushToken(p: Person, ph: Phone) {
  @doc "No token, or one that died (app removed or reinstalled, phone reset, token rotated)."
  initial state Unregistered
  @doc "The registry holds the token of the app instance currently installed on the phone."
  state Registered

  @req LIFE-13
  @doc "The app registers its token with the application, and again at every launch; only for a card holder with a record on this phone."
  @weight 3
  event register by App
  @req LIFE-13, LIFE-8
  @doc "The push service rotated or invalidated the token."
  @weight 1
  event rotate by Push
  @req LIFE-13
  internal event invalidate

  @doc "A registration replaces the one before (new app instance or rotated token)."
  on register from Unregistered, Registered -> Registered
    when Handset(ph) is AppInstalled && Handset(ph).online
      && (exists t: CertType: PhoneCert(p, ph, t) is not NoCertificate)
  @req LIFE-13, LIFE-8
  @doc "The token is the app instance's: every holder on the phone who registered it loses it."
  on rotate from Registered -> Unregistered {
    for q: Person where q != p && PushToken(q, ph) is Registered { emit PushToken(q, ph).invalidate() }
  }
  on invalidate from Registered -> Unregistered
  ignore invalidate in Unregistered
}

@req LIFE-8, LIFE-9, LIFE-3
@doc "A remote deletion the JPKI service owes to key slot (ph, t) after its certificate was revoked or expired."
machine Deletion(ph: Phone, t: CertType) {
  @req LIFE-8
  @doc "A push failed; the user was warned (on the new phone) that the old phone may still hold the key."
  var warned: bool

  @doc "Nothing owed."
  initial state Idle
  @req LIFE-8
  @doc "Owed: waiting for a push to reach the phone's app."
  state Pending
  @req LIFE-8
  @doc "The push reached the app, which asks the SP-TSM to run the deletion script."
  state Delivered

  @req LIFE-8
  internal event request
  @req LIFE-8
  @doc "The push gateway tries to deliver the deletion notice to the registered token."
  @weight 4
  event push(delivered: bool) by Push
  @req LIFE-8
  @doc "The app did not run the deletion script in time; the notice is sent again."
  @weight 1
  event deliveryTimeout by Jpki
  @doc "The key is gone from the slot (WIPE KEY, deletion of the applet)."
  internal event done

  on request from Idle -> Pending
  ignore request in Pending, Delivered
  @req LIFE-8
  on push from Pending -> Delivered
    when delivered && Handset(ph).online && Handset(ph) is AppInstalled && (exists p: Person: PushToken(p, ph) is Registered)
  @req LIFE-8
  @doc "Offline, app removed, phone reset, token invalid, or lost by the gateway: stays pending, user warned."
  on push from Pending -> Pending
    when !(delivered && Handset(ph).online && Handset(ph) is AppInstalled && (exists p: Person: PushToken(p, ph) is Registered)) {
    warned = true
  }
  on deliveryTimeout from Delivered -> Pending
  on done from Pending, Delivered -> Idle { warned = false }
  ignore done in Idle
}
