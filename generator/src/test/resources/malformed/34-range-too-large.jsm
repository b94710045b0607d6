machine M {
  var counter: 0..1000
  initial state A
  final state B
  event go
  on go from A -> B
}
