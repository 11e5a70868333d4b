import '../common/theme.css';
import '../common/article.css';
import { mountPage } from '../common/page';
import { SettingsPage } from './SettingsPage';

mountPage('settingsTitle', <SettingsPage />);
