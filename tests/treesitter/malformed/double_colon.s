foo: :
