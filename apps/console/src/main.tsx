import { render } from 'preact';
import { App } from './App';
import { restoreSession } from './session';
import './styles.css';

restoreSession().finally(() => render(<App />, document.getElementById('app')!));
