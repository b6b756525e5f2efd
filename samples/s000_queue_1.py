#创建共享队列1.py
from multiprocessing import Process,current_process,Queue
def main():
    q = Queue() #创建共享队列
    print('当前父进程:',q)
    for var in range(5):
        q.put(var)
    print(q.get())
    print(q.get())
    print(q.get())
    print(q.get())
    print(q.get())
if __name__ == "__main__":
    main()
