machine Pin {
  var tries: 0..3 = 3
  initial state Set
  final state Blocked
  event verify(ok: bool)
  on verify from Set -> Set when ok || tries > 1 { tries = 3 }
  on verify from Set -> Blocked when !ok && tries <= 1
  on verify from Set -> Set when !ok && tries == 2 { tries = 1 }
}
