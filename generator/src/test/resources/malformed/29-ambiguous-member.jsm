enum CertState { None, Active }
enum PinState { None, Set }
machine M {
  var c: CertState
  initial state A
  final state B
  event go
  on go from A -> B when None == None
}
