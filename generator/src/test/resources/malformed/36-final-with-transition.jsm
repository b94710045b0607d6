machine M {
  initial state A
  final state B
  event go
  on go from A -> B
  on go from B -> A
}
