machine M {
  initial state A
  initial state B
  final state C
  event go
  on go from A, B -> C
}
