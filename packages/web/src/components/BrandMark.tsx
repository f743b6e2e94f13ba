import { ThemeIcon } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';

export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <ThemeIcon size={size} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan', deg: 135 }}>
      <IconSchool size={Math.round(size * 0.62)} />
    </ThemeIcon>
  );
}
