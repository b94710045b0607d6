domain Phone
system Default { Phone = 9 }
