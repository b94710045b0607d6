machine M {
  initial state A
  final state B
  event go
  on go from A -> B
}
invariant Bad: forall m: M: true
