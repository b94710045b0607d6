domain Phone
system S { Phone = 2 }
machine H(p: Phone) {
  initial state On
  final state Off
  event off
  on off from On -> Off
}
invariant Same: forall p: Phone, q: Phone: H(p) == H(q)
