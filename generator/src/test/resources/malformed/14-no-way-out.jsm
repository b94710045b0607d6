machine M {
  initial state A
  state Stuck
  event go
  on go from A -> Stuck
}
