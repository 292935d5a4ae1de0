// Entry of the lobby page.
import '../ui/theme.css';
import { render } from 'preact';
import { App } from './App.tsx';

render(<App />, document.getElementById('app')!);
// The font's 190 KB of @font-face rules load after the first paint instead of blocking it.
import('../ui/fonts.ts');
