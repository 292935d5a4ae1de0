// Noto Sans SC, split by unicode-range: the browser fetches only the slices the screen shows.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
