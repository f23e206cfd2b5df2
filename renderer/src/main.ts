import { mount } from 'svelte';
import App from './App.svelte';
import { connection } from './lib/connection/connection.svelte';
import './lib/ui/theme.css';
import './lib/ui/layout.css';

connection.start();

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

export default mount(App, { target });
