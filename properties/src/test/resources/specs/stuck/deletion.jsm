// A liveness fault whose lasso ends where only a step that changes nothing is left: once the
// phone is lost with a deletion pending, the TSM can still retry, and nothing else happens.
// The explorer keeps no edge for such a step, so the lasso must still say the loop repeats.
domain Phone
role User, Tsm

machine Handset(ph: Phone) {
  initial state Online
  state Offline
  final state Lost
  event goOffline by User
  event lose by User
  on goOffline from Online -> Offline
  on lose from Offline -> Lost
}

machine Deletion(ph: Phone) {
  initial state Idle
  state Pending
  final state Done
  event request by Tsm
  event deliver by Tsm
  event retry by Tsm
  on request from Idle -> Pending
  on deliver from Pending -> Done when Handset(ph) is Online
  on retry from Pending -> Pending when Handset(ph) is Lost
}

@req LIFE-8
monitor DeletionHappens(ph: Phone) {
  initial state Quiet
  hot state Waiting
  state Deleted
  on Deletion(ph).request from Quiet -> Waiting
  on Deletion(ph).deliver from Waiting -> Deleted
}

system Default { Phone = 1 }
