// A liveness fault: a deletion requested for a phone that then goes offline and is lost never
// happens, so monitor DeletionHappens stays hot forever. ComesBack's hot state is always left.
domain Phone
role User, Tsm

machine Handset(ph: Phone) {
  initial state Online
  state Offline
  final state Lost
  event goOffline by User
  event goOnline by User
  event lose by User
  on goOffline from Online -> Offline
  on goOnline from Offline -> Online
  on lose from Offline -> Lost
}

machine Deletion(ph: Phone) {
  initial state Idle
  state Pending
  final state Done
  event request by Tsm
  event deliver by Tsm
  on request from Idle -> Pending
  on deliver from Pending -> Done when Handset(ph) is Online
}

@req LIFE-8
monitor DeletionHappens(ph: Phone) {
  initial state Quiet
  hot state Waiting
  state Deleted
  on Deletion(ph).request from Quiet -> Waiting
  on Deletion(ph).deliver from Waiting -> Deleted
}

monitor ComesBack(ph: Phone) {
  initial state Up
  hot state Down
  on Handset(ph).goOffline from Up -> Down
  on Handset(ph).goOnline from Down -> Up
  on Handset(ph).lose from Down -> Up
}

system Default { Phone = 2 }
