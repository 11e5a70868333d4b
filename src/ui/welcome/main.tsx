import '../common/theme.css';
import '../common/article.css';
import { mountPage } from '../common/page';
import { Welcome } from './Welcome';

mountPage('welcomeTitle', <Welcome />);
