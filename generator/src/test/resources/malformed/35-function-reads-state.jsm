machine M {
  var n: 0..3
  initial state A
  final state B
  event go
  on go from A -> B
}
fun busy(): bool = M.n > 0
