machine M {
  initial state A
  state B, A
  final state C
  event go
  on go from A -> B
  on go from B -> C
}
