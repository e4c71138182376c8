// EndToEndTests: tests land with the module they cover.
