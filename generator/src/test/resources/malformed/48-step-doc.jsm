role Phone, Server
machine Session {
  initial state Open
  final state Closed
  event close
  on close from Open -> Closed
}
protocol Logout {
  roles Phone, Server
  @doc "the user logs out"
  @doc "twice"
  Phone -> Server: bye fires Session.close()
  @doc
  Server -> Phone: done
  @since 3
  Server -> Phone: ack
}
