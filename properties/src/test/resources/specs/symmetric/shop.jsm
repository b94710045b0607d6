// Interchangeable persons and phones, for the symmetry reduction tests.
domain Person, Phone
role User

machine Cert(p: Person) {
  var phone: Phone?
  initial state None
  state Active, Revoked
  event issue(ph: Phone) by User
  event revoke by User
  event renew by User
  on issue from None -> Active { phone = ph }
  on revoke from Active -> Revoked
  on renew from Revoked -> None { phone = none }
}

machine Handset(ph: Phone) {
  var owner: Person?
  initial state Fresh
  state Owned
  event claim(p: Person) by User
  event wipe by User
  on claim from Fresh -> Owned { owner = p }
  on wipe from Owned -> Fresh { owner = none }
}

// violated (a person may claim two phones): the symmetry tests only count states
invariant OnePhonePerOwner: forall ph: Phone, q: Phone: ph == q || Handset(ph).owner == none || Handset(ph).owner != Handset(q).owner

monitor ClaimReleased(ph: Phone) {
  initial state Free
  hot state Held
  on Handset(ph).claim from Free -> Held
  on Handset(ph).wipe from Held -> Free
}

system Default {
  Person = 3
  Phone = 3
}
