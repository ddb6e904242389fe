// Tests import the job layer from src/ without the package index: load the composition root, as the
// index does, so a Connection can become an engine.
import '../src/connect.js';
