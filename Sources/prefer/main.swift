import PreferCore
print("prefer \(preferVersion)")
