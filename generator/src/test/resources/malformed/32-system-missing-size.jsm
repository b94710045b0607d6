domain Person, Phone
system Default { Person = 2 }
