domain Phone
system S { Phone = 1 }
machine M(p: Phone) {
  initial state A
  final state B
  event go
  on go from A -> B { p = p }
}
