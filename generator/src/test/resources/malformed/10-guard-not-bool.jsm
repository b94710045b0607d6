machine M {
  var tries: 0..3
  initial state A
  final state B
  event go
  on go from A -> B when tries + 1
}
