domain Phone
system S { Phone = 2 }
machine Handset(p: Phone) {
  var online: bool
  initial state On
  final state Off
  event off
  on off from On -> Off
}
invariant Online: forall p: Phone: Handset(p, p).online
