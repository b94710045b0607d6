enum CertType { Auth, Sign }
machine M {
  var t: CertType
  initial state A
  final state B
  event go
  on go from A -> B { t = true }
}
