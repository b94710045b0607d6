enum CertType { Auth, Sign, Auth }
