import { mount } from 'svelte';
import OfficeApp from './OfficeApp.svelte';
import '../lib/ui/theme.css';
import '../lib/ui/layout.css';
import './lib/office.css';

const target = document.getElementById('app');
if (!target) throw new Error('office.html lacks #app');

export default mount(OfficeApp, { target });
