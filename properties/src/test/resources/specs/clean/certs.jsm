// A spec whose every property holds, for the harness's own tests: suites generated from it must pass.
domain Person, Phone
role User, Tsm

@req LIFE-1
machine Cert(p: Person) {
  var phone: Phone?
  initial state None
  state Active, Revoked
  event issue(ph: Phone) by Tsm
  event revoke by User
  event renew by Tsm
  on issue from None -> Active when count(q: Person | Cert(q).phone == ph) == 0 { phone = ph }
  on revoke from Active -> Revoked
  on renew from Revoked -> None { phone = none }
  @unreachable "a certificate is revoked before it is renewed"
  on renew from Active -> None when false { phone = none }
}

@req PRE-3
invariant OnePersonPerPhone: forall p: Person, q: Person: p != q && Cert(p).phone != none => Cert(p).phone != Cert(q).phone

@req LIFE-11
monitor NoRevocationBeforeIssue(p: Person) {
  initial state Fresh
  state Issued
  on Cert(p).issue from Fresh -> Issued
  on Cert(p).revoke from Fresh -> Fresh { fail "revoked before it was issued" }
}

@req LIFE-8
monitor RevocationSettles(p: Person) {
  initial state Calm
  hot state Revoking
  on Cert(p).revoke from Calm -> Revoking
  on Cert(p).renew from Revoking -> Calm
}

@req LIFE-1
protocol Issue(p: Person, ph: Phone) {
  roles User, Tsm
  User -> Tsm: apply fires Cert(p).issue(ph)
  alt "the user revokes" {
    User -> Tsm: revoke fires Cert(p).revoke()
    Tsm -> User: renew fires Cert(p).renew()
  } else "the user keeps it" {
    Tsm -> User: done
  }
}

system Default {
  Person = 2
  Phone = 2
}
