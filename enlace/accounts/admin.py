# Users are managed in Enlace's own pages (accounts:user_list), where the scope rules of
# national administrators apply; the Django admin is not used for them.
