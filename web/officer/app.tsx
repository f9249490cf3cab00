// The officer console (sign in, review queue, decisions) under /officer/.
import { LocationProvider } from 'preact-iso';
import { Layout } from '../kit/layout.tsx';

export function App() {
  return (
    <LocationProvider scope="/officer">
      <Layout title="Officer console">
        <p>Officer console</p>
      </Layout>
    </LocationProvider>
  );
}
