// CanvasTests: tests land with the module they cover.
