import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { readinessApiRef } from '../api/ReadinessApi';
import { saveTextFile } from '../helpers/download';

/**
 * Fetches an entity's review as Markdown and saves it as a file.
 * @public
 */
export function useReviewDownload(entityRef: string, fileName: string) {
  const api = useApi(readinessApiRef);
  const [state, download] = useAsyncFn(async () => {
    const markdown = await api.getReview(entityRef);
    saveTextFile(fileName, markdown, 'text/markdown;charset=utf-8');
    return true;
  }, [api, entityRef, fileName]);
  return { download, loading: state.loading, error: state.error };
}
