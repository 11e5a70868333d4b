import '../common/theme.css';
import './dashboard.css';
import { mountPage } from '../common/page';
import { Dashboard } from './Dashboard';

mountPage('dashTitle', <Dashboard />);
