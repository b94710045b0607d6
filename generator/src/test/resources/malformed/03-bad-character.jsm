domain Phone
system S { Phone = 2 }
machine M(p: Phone) {
  initial state A
  final state B
  event go
  on go from A -> B when $ready
}
