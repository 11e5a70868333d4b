import '../common/theme.css';
import './popup.css';
import { mountPage } from '../common/page';
import { App } from './App';

mountPage('popupTitle', <App />);
