// How Node runs the server (npm start and npm run dev pass these; the bench starts its servers with them too).
// A young generation of 4 MB semi-spaces instead of V8's 16 MB: a rush allocates many short-lived objects and the
// default young generation grows to 48 MB and stays there; with it, RSS after a 10,000-visit day was 268-317 MB,
// with 4 MB 229-271 MB, and collections of a smaller young generation are shorter.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
